"""Business rules of Collector: pure Python, no Qt, no SQL, no I/O."""
