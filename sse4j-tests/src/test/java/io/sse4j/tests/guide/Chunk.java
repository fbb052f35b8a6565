package io.sse4j.tests.guide;

/** The reader's type for the data of a streaming chat API, as the typed-data example maps it. */
record Chunk(String text) {
}
