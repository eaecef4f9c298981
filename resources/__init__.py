"""Contract Compare's data files, installed as the package `viewer.resources`.

Nothing to import here: `viewer.core.resources` reads the files through importlib.resources.
"""
