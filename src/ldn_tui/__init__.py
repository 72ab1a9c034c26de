"""ldn-study: a terminal study guide to low-dose naltrexone (LDN)."""

__version__ = "0.1.0"
