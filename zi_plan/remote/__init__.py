"""The remote evidence store: files addressed by their sha256 on a server the agency runs.

fsspec and its maintained backends (sshfs for SFTP, webdav4 for WebDAV,
s3fs for S3) do the talking; they are the ``remote`` extra
(``pip install "zi-plan[remote]"``) and are imported only by the commands
that reach a store: `zi evidence push` and `pull`, `zi verify --remote`,
and the packs when a local copy is missing.
"""
