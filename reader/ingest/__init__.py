"""Turning imported files into plain data: sniffing, decoding, extraction, cleanup."""
