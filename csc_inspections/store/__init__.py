"""The database: schema, connection, writes (one transaction per document) and reads.

Nothing outside this package writes SQL; every statement binds its parameters.
"""
