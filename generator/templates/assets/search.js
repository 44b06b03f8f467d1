/* Placeholder: the digest's offline search (see generator/render/search.py for the index format). */
