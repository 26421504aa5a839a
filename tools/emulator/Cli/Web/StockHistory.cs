using System;
using System.Collections.Generic;
using System.IO;
using Beacons.Emulator.Monitor;
using Microsoft.Data.Sqlite;

namespace Beacons.Emulator.Web
{
    /// <summary>
    /// Every stock event and lane level the view saw, in an embedded SQLite file, so a restart keeps the day.
    /// Bounded: rows older than <see cref="RetentionHours"/> and rows beyond <see cref="MaxRows"/> (oldest first) are
    /// deleted on write (every <see cref="PruneEvery"/> inserts, and once at open); freed pages are reused, so the file
    /// stops growing once retention is reached. One table, one row per record; lane keys are <c>store/device/lane</c>.
    /// </summary>
    public sealed class StockHistory : IDisposable
    {
        /// <summary>Inserts between two prunes.</summary>
        public const int PruneEvery = 256;

        private readonly object _gate = new object();
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private readonly Func<DateTime> _clock;
        private int _sincePrune;
        private bool _disposed;

        /// <param name="path">The database file (created with its folder when missing), or <c>:memory:</c>.</param>
        /// <param name="retentionHours">Rows older than this are deleted (default 72 h: today and the two days before).</param>
        /// <param name="maxRows">At most this many rows are kept, whatever their age.</param>
        /// <param name="clock">The time retention is measured against (default: the system clock).</param>
        /// <exception cref="ArgumentException">The file cannot be opened as a history database (one line for the user).</exception>
        public StockHistory(string path, double retentionHours = 72, long maxRows = 1_000_000, Func<DateTime> clock = null)
        {
            if (retentionHours <= 0 || maxRows <= 0)
            {
                throw new ArgumentException("history retention must be positive");
            }

            Path = path;
            RetentionHours = retentionHours;
            MaxRows = maxRows;
            _clock = clock ?? (() => DateTime.UtcNow);
            try
            {
                if (path != ":memory:")
                {
                    string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
                    Directory.CreateDirectory(folder);
                }

                _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
                _connection.Open();
                Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
                Execute("CREATE TABLE IF NOT EXISTS lane_history (" +
                        "t_ms INTEGER NOT NULL, lane TEXT NOT NULL, type TEXT NOT NULL, items INTEGER NOT NULL, quantity INTEGER, empty_in_s REAL);" +
                        "CREATE INDEX IF NOT EXISTS lane_history_lane_t ON lane_history (lane, t_ms);");
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                _connection?.Dispose();
                throw new ArgumentException($"--history '{path}': cannot open it as a history database ({Program.OneLine(ex.Message)})");
            }

            _insert = _connection.CreateCommand();
            _insert.CommandText = "INSERT INTO lane_history (t_ms, lane, type, items, quantity, empty_in_s) VALUES ($t, $lane, $type, $items, $quantity, $empty)";
            foreach (string name in new[] { "$t", "$lane", "$type", "$items", "$quantity", "$empty" })
            {
                _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            Prune();
        }

        public string Path { get; }

        public double RetentionHours { get; }

        public long MaxRows { get; }

        /// <summary>Records that could not be written (disk full, file locked): counted, never thrown.</summary>
        public long Failed { get; private set; }

        /// <summary>Keeps one record; safe to call from the subscriber's thread.</summary>
        public void Add(LaneRecord record)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                try
                {
                    _insert.Parameters["$t"].Value = ToMs(record.AtUtc);
                    _insert.Parameters["$lane"].Value = record.LaneKey;
                    _insert.Parameters["$type"].Value = record.Type;
                    _insert.Parameters["$items"].Value = record.Items;
                    _insert.Parameters["$quantity"].Value = (object)record.Quantity ?? DBNull.Value;
                    _insert.Parameters["$empty"].Value = (object)record.EmptyInS ?? DBNull.Value;
                    _insert.ExecuteNonQuery();
                    if (++_sincePrune >= PruneEvery)
                    {
                        Prune();
                    }
                }
                catch (SqliteException)
                {
                    Failed++;
                }
            }
        }

        /// <summary>A lane's records since <paramref name="sinceUtc"/>, oldest first (at most <paramref name="limit"/>, the newest kept).</summary>
        public IReadOnlyList<LaneRecord> Lane(string laneKey, DateTime sinceUtc, int limit = 5000)
        {
            var rows = new List<LaneRecord>();
            lock (_gate)
            {
                if (_disposed)
                {
                    return rows;
                }

                using SqliteCommand query = _connection.CreateCommand();
                query.CommandText = "SELECT t_ms, type, items, quantity, empty_in_s FROM " +
                                    "(SELECT rowid, * FROM lane_history WHERE lane = $lane AND t_ms >= $since ORDER BY t_ms DESC, rowid DESC LIMIT $limit) " +
                                    "ORDER BY t_ms, rowid";
                query.Parameters.AddWithValue("$lane", laneKey);
                query.Parameters.AddWithValue("$since", ToMs(sinceUtc));
                query.Parameters.AddWithValue("$limit", limit);
                using SqliteDataReader reader = query.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add(new LaneRecord(
                        DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(0)),
                        laneKey,
                        reader.GetString(1),
                        reader.GetInt64(2),
                        reader.IsDBNull(3) ? null : reader.GetInt64(3),
                        reader.IsDBNull(4) ? null : reader.GetDouble(4)));
                }
            }

            return rows;
        }

        /// <summary>Rows kept now.</summary>
        public long Count
        {
            get
            {
                lock (_gate)
                {
                    using SqliteCommand query = _connection.CreateCommand();
                    query.CommandText = "SELECT COUNT(*) FROM lane_history";
                    return (long)query.ExecuteScalar();
                }
            }
        }

        /// <summary>Deletes what retention and the row cap no longer allow, then folds the WAL back into the file.</summary>
        public void Prune()
        {
            lock (_gate)
            {
                _sincePrune = 0;
                using SqliteCommand prune = _connection.CreateCommand();
                prune.CommandText = "DELETE FROM lane_history WHERE t_ms < $cutoff;" +
                                    "DELETE FROM lane_history WHERE rowid <= (SELECT MAX(rowid) FROM lane_history) - $max;";
                prune.Parameters.AddWithValue("$cutoff", ToMs(_clock().AddHours(-RetentionHours)));
                prune.Parameters.AddWithValue("$max", MaxRows);
                prune.ExecuteNonQuery();
                Execute("PRAGMA wal_checkpoint(TRUNCATE);");
            }
        }

        private void Execute(string sql)
        {
            using SqliteCommand command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static long ToMs(DateTime utc) => (long)(utc - DateTime.UnixEpoch).TotalMilliseconds;

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                try
                {
                    Execute("PRAGMA wal_checkpoint(TRUNCATE);");
                }
                catch (SqliteException)
                {
                }

                _insert.Dispose();
                _connection.Dispose();
            }
        }
    }
}
