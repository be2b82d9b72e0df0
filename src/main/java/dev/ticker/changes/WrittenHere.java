package dev.ticker.changes;

/**
 * A write through this instance has committed. Whoever remembers something that a write can make
 * stale drops it now, so that the writer's next read sees the write (read-your-writes), before the
 * database's announcement of the change ({@link TablesChanged}) arrives through the feed.
 */
public record WrittenHere() {

    public static final WrittenHere INSTANCE = new WrittenHere();
}
