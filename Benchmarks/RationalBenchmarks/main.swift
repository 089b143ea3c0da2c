print("rational benchmarks: not yet")
