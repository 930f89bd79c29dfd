"""Views: one result drawn for people: the review and the dashboard page."""
