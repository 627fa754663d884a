"""The render stage: a scene class and its paragraph's manifest in, an MP4 and its stills out.

Settings, loading scene modules, the frame sink (the one place that hooks into manim's
renderer), stills, the scene cache and what a warm worker preloads.
"""
