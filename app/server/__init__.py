"""The central API of Collection Desk: FastAPI routes, SQLAlchemy models, migrations, jobs."""
