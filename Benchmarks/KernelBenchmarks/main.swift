print("kernel benchmarks: not yet")
