# pytest puts the folder of this file on sys.path, so the tests can import the {{name}} package
# the way SPS does. Left out of the bundle by .spsignore.
