package io.sse4j;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.sse4j.internal.BlockingViews;
import io.sse4j.internal.BodyCollector;
import io.sse4j.internal.Buffers;
import io.sse4j.internal.ConnectionAttempt;
import io.sse4j.internal.ConsumerClaim;
import io.sse4j.internal.Consumers;
import io.sse4j.internal.ContentDecoder;
import io.sse4j.internal.Failures;
import io.sse4j.internal.Delivery;
import io.sse4j.internal.EventBuffer;
import io.sse4j.internal.FlowDelivery;
import io.sse4j.internal.Item;
import io.sse4j.internal.ItemQueue;
import io.sse4j.internal.JdkExchange;
import io.sse4j.internal.JdkTransport;
import io.sse4j.internal.LastEventIds;
import io.sse4j.internal.LineScanner;
import io.sse4j.internal.ListenerDelivery;
import io.sse4j.internal.Outcome;
import io.sse4j.internal.ReconnectLoop;
import io.sse4j.internal.Redirects;
import io.sse4j.internal.RequestHeaders;
import io.sse4j.internal.ResponseReader;
import io.sse4j.internal.RetryTiming;
import io.sse4j.internal.SingleExchange;
import io.sse4j.internal.SystemTimer;
import io.sse4j.internal.TappedTransport;
import io.sse4j.internal.Timer;
import io.sse4j.internal.Utf8;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The direction of core's code, as the build holds it: data and control flow one way, from the
 * public facades down through the reconnect loop and the exchanges to the buffer and the bytes,
 * and nothing inside calls back up.
 */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sse4j");

    @Test
    void internalsNeverNameTheFacades() {
        noClasses().that().resideInAPackage("io.sse4j.internal..")
                .should().dependOnClassesThat(belongToAnyOf(EventStream.class, EventSource.class, SseReader.class,
                        SseBodyHandlers.class))
                .because("the facades use the internals, never the other way round")
                .check(CORE);
    }

    @Test
    void layersAreEnteredFromAboveOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("facades").definedBy(belongToAnyOf(EventStream.class, EventSource.class, SseReader.class,
                        SseBodyHandlers.class, SseTransport.class))
                .layer("loop").definedBy(belongToAnyOf(ReconnectLoop.class))
                .layer("exchanges").definedBy(belongToAnyOf(ConnectionAttempt.class, SingleExchange.class,
                        ResponseReader.class, JdkTransport.class, JdkExchange.class, TappedTransport.class, Outcome.class, RetryTiming.class,
                        RequestHeaders.class, Redirects.class, Failures.class))
                .layer("buffer").definedBy(belongToAnyOf(EventBuffer.class, ItemQueue.class, Item.class, Delivery.class,
                        FlowDelivery.class, ListenerDelivery.class, Consumers.class, ConsumerClaim.class,
                        BlockingViews.class, BodyCollector.class, ContentDecoder.class, LastEventIds.class, Timer.class,
                        SystemTimer.class))
                .layer("bytes").definedBy(belongToAnyOf(Buffers.class, Utf8.class, LineScanner.class))
                .whereLayer("loop").mayOnlyBeAccessedByLayers("facades")
                .whereLayer("exchanges").mayOnlyBeAccessedByLayers("facades", "loop")
                .whereLayer("buffer").mayOnlyBeAccessedByLayers("facades", "loop", "exchanges")
                .whereLayer("bytes").mayOnlyBeAccessedByLayers("facades", "loop", "exchanges", "buffer")
                .check(CORE);
    }

    @Test
    void everyInternalClassIsInALayer() {
        Set<String> layered = new TreeSet<>();
        for (Class<?> c : List.of(ReconnectLoop.class, ConnectionAttempt.class, SingleExchange.class,
                ResponseReader.class, JdkTransport.class, JdkExchange.class, TappedTransport.class, Outcome.class, RetryTiming.class,
                RequestHeaders.class, Redirects.class, Failures.class, EventBuffer.class, ItemQueue.class, Item.class, Delivery.class, FlowDelivery.class,
                ListenerDelivery.class, Consumers.class, ConsumerClaim.class, BlockingViews.class, BodyCollector.class,
                ContentDecoder.class, LastEventIds.class, Timer.class, SystemTimer.class, Buffers.class, Utf8.class, LineScanner.class)) {
            layered.add(c.getName());
        }
        Set<String> internal = new TreeSet<>();
        for (JavaClass c : CORE) {
            if (c.getPackageName().equals("io.sse4j.internal")) {
                internal.add(topLevel(c).getName());
            }
        }
        assertEquals(internal, layered, "a new internal class gets a place in layersAreEnteredFromAboveOnly");
    }

    /** No two internal classes depend on each other, however indirectly (nested classes count as their outer one). */
    @Test
    void internalClassesFormNoCycle() {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (JavaClass c : CORE) {
            if (!c.getPackageName().equals("io.sse4j.internal")) {
                continue;
            }
            String from = topLevel(c).getName();
            Set<String> targets = edges.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (target.getPackageName().equals("io.sse4j.internal")) {
                    String to = topLevel(target).getName();
                    if (!to.equals(from)) {
                        targets.add(to);
                    }
                }
            }
        }
        assertEquals(List.of(), cycles(edges), "dependency cycles among io.sse4j.internal's classes");
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    /** Tarjan's strongly connected components of more than one class. */
    private static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, edges, index, low, stack, onStack, found, counter);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> found, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, edges, index, low, stack, onStack, found, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
