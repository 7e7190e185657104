"""Keeping the database current from Ofsted's report site.

    site.py    pure: the search and provider pages' HTML -> providers, publications, file names
    client.py  polite HTTP: one request at a time, a pause between, retries with back-off
    run.py     the walk: list every publication, download what is new, ingest it, record it

The record of every publication seen (held, missing, failed) lives in
`store/publications.py`; downloaded files are ingested by `ingest.ingest`, exactly as the
corpus is, so a synced file and the same corpus file give the same rows.
"""
