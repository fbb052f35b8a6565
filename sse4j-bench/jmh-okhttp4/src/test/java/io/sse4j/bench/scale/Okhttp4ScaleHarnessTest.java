package io.sse4j.bench.scale;

/** Every scale library of the OkHttp 4 jar really opens, holds and closes its streams. */
class Okhttp4ScaleHarnessTest extends AbstractScaleHarnessTest {
}
