package io.sse4j.bench.scale;

/** Every scale library of this jar really opens, holds and closes its streams. */
class ScaleHarnessTest extends AbstractScaleHarnessTest {
}
