// moduleInfo:begin
module com.example.chat {
    requires io.sse4j;           // EventStream, EventSource, ServerSentEvent, …
    requires io.sse4j.jackson;   // JacksonSse; it requires com.fasterxml.jackson.databind for you

    opens com.example.chat to com.fasterxml.jackson.databind; // the records and classes Jackson maps
}
// moduleInfo:end
