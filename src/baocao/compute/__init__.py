"""Stage 3, what baocao works out itself: derived figures, targets' statuses, and the
Vietnamese way of writing numbers, money and dates (the templates' filters). Pure."""
