"""The web site and JSON API over a stored database: `create_app(settings)` in `app`."""
