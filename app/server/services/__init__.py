"""Services of the central API: units of work shared by routes, sync and jobs."""
