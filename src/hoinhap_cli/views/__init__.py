"""Views: a query's value drawn for people: the review, the overdue and upcoming lists, the
programmes, the timeline chart and the dashboard page (each value stays plain data)."""
