"""Bulk imports (CSV / Excel) of registers: places, organisations, needs, volunteers.

Each app registers an Importer (registry.register) in AppConfig.ready(); the machinery here
reads the file, checks every row with the importer (dry run) and writes all rows in one
transaction, or none.
"""
