// The deduction engine.
