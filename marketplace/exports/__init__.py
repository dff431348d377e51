"""CSV and Excel exports of staff lists. Each app registers its exports (registry.register)
in AppConfig.ready(); rows come from the same selectors as the pages, cells are masked per
viewer and guarded against formula injection."""
