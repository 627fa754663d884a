"""What every stage shares: errors, file system helpers, locks, the timeline log and source fingerprints.

The lowest layer: it imports nothing else from this package.
"""
