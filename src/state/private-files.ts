/**
 * The data directory holds the log, token hashes and read models: only the server's own user may
 * read it. A umask rather than a chmod after each open, because SQLite creates `-wal` and `-shm`
 * files (and the CLI and server further files) later and on their own; with the umask every file
 * starts 0600 and every directory the server creates 0700, whoever creates it. Set before anything
 * opens a file. It changes the process's umask, which is the point: the process exists to serve the
 * data directory.
 */
export function keepNewFilesPrivate(): void {
  process.umask(0o077);
}
