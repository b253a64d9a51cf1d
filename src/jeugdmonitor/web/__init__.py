"""The dashboard (``jeugdmonitor serve``): a server-rendered web application on a store, with accounts, roles,
the access log of client-level views, and one module per page under ``pages/``."""
