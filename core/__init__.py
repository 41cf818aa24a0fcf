"""What every app shares and that imports no app: the law (law.py), PDF rendering
(pdf.py), the API's error shape (api.py) and the access path's plain parts (access.py).

The project's top (kuty/: settings, URLs, Celery) imports the apps; the apps import
this package; this package imports neither."""
