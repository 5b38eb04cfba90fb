# expect: timeout
# timeout: 2
# diagnosis: did not finish within the time limit
while True:
    pass
