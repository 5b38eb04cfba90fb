# expect: error
# diagnosis: called sys.exit(0)
import sys

sys.exit(0)
