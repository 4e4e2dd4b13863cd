"""A minimal PostgreSQL client in Python's standard library: the frontend/backend protocol
(version 3, simple query) over the unix socket of the throwaway server `.ci/postgres`
starts, with trust authentication. Used by Tests/SLT/crosscheck.py and
bench/differential.py when the oracle is PostgreSQL.

    con = connect()                        # PGHOST / PGPORT / PGUSER / PGDATABASE; statements
                                           # time out after PGSTATEMENT_TIMEOUT (default 20s)
    cols, rows = con.query("SELECT 1, 'a'")  # cols: [(name, type oid)]; values are text or None
    con.query("SELECT 1/0")                # raises PGError("division by zero", sqlstate="22012")

Values come back in PostgreSQL's text output (`t`/`f`, `1.5`, `NaN`, `-0`, `1e+300`,
`2024-01-01 10:00:00`); `value()` turns one into a Python value by its type oid.
"""
import decimal, os, socket, struct

# type oids (pg_type) of the values the checks convert
BOOL, INT8, INT2, INT4, OID, FLOAT4, FLOAT8, NUMERIC = 16, 20, 21, 23, 26, 700, 701, 1700
INTEGERS = {INT8, INT2, INT4, OID}
FLOATS = {FLOAT4, FLOAT8}


class PGError(Exception):
    def __init__(self, message, sqlstate=""):
        super().__init__(message)
        self.message, self.sqlstate = message, sqlstate


class Connection:
    def __init__(self, host, port, user, database):
        path = os.path.join(host, f".s.PGSQL.{port}")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.buf = b""
        params = b"".join(k.encode() + b"\0" + v.encode() + b"\0" for k, v in
                          (("user", user), ("database", database), ("client_encoding", "UTF8"),
                           ("DateStyle", "ISO, MDY"), ("IntervalStyle", "postgres"),
                           ("extra_float_digits", "1"), ("TimeZone", "UTC"),
                           ("statement_timeout", os.environ.get("PGSTATEMENT_TIMEOUT", "20s")))) + b"\0"
        body = struct.pack("!i", 196608) + params
        self.sock.sendall(struct.pack("!i", len(body) + 4) + body)
        while True:
            kind, data = self._message()
            if kind == b"R":
                code = struct.unpack("!i", data[:4])[0]
                if code != 0:
                    raise PGError(f"authentication method {code} is not supported (the oracle server uses trust)")
            elif kind == b"E":
                raise PGError(*_error(data))
            elif kind == b"Z":
                break

    def _recv(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise PGError("connection to PostgreSQL closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _message(self):
        head = self._recv(5)
        length = struct.unpack("!i", head[1:])[0]
        return head[:1], self._recv(length - 4)

    def query(self, sql):
        """Runs sql (one or more statements; the last one's rows are returned) and returns
        (columns, rows): columns [(name, type oid)], rows [[text or None]]. An error
        raises PGError after the server is ready again."""
        body = sql.encode() + b"\0"
        self.sock.sendall(b"Q" + struct.pack("!i", len(body) + 4) + body)
        cols, rows, error = [], [], None
        while True:
            kind, data = self._message()
            if kind == b"T":
                cols, rows = _row_description(data), []
            elif kind == b"D":
                n = struct.unpack("!h", data[:2])[0]
                pos, row = 2, []
                for _ in range(n):
                    size = struct.unpack("!i", data[pos:pos + 4])[0]
                    pos += 4
                    if size < 0:
                        row.append(None)
                    else:
                        row.append(data[pos:pos + size].decode())
                        pos += size
                rows.append(row)
            elif kind == b"E":
                error = error or PGError(*_error(data))
            elif kind == b"Z":
                if error:
                    raise error
                return cols, rows
            # C (command complete), N (notice), S (parameter status), I (empty query): ignored

    def close(self):
        try:
            self.sock.sendall(b"X" + struct.pack("!i", 4))
        finally:
            self.sock.close()


def _row_description(data):
    n = struct.unpack("!h", data[:2])[0]
    pos, cols = 2, []
    for _ in range(n):
        end = data.index(b"\0", pos)
        name = data[pos:end].decode()
        pos = end + 1
        _table, _attr, oid, _size, _mod, _fmt = struct.unpack("!ihihih", data[pos:pos + 18])
        pos += 18
        cols.append((name, oid))
    return cols


def _error(data):
    fields = {}
    for part in data.split(b"\0"):
        if part:
            fields[part[:1]] = part[1:].decode(errors="replace")
    return fields.get(b"M", "error"), fields.get(b"C", "")


def connect():
    host = os.environ.get("PGHOST")
    if not host or not host.startswith("/"):
        raise PGError("PGHOST must name the socket directory of a PostgreSQL server: "
                      "d=$(mktemp -d); eval \"$(.ci/postgres start $d)\"; … ; .ci/postgres stop $d")
    return Connection(host, int(os.environ.get("PGPORT", "5432")), os.environ.get("PGUSER", "postgres"),
                      os.environ.get("PGDATABASE", "planscope"))


def value(text, oid):
    """A text value as Python: bool, int, Decimal (numeric), float (float4/8), else str."""
    if text is None:
        return None
    if oid == BOOL:
        return text == "t"
    if oid in INTEGERS:
        return int(text)
    if oid == NUMERIC:
        return decimal.Decimal(text)
    if oid in FLOATS:
        return float(text)
    return text
