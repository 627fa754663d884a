"""What helps an author see and shape a video: the storyboard, the review page, the gallery,
watch mode and ``dayinlife new``'s scaffold, with the page helpers they share."""
