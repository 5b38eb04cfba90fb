# expect: error
# diagnosis: importing your file failed: your code raised KeyError
import numpy as np

TABLE = {}
SCALE = TABLE["scale"]
