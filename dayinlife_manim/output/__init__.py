"""The output stage: scene MP4s and the manifest in, one video with its soundtrack, captions,
chapters and build stamp out."""
