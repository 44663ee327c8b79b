package dev.consentvault.core.propagation;

/** Port to the processor-propagations queue (SQS): messages name a notice, nothing more. */
public interface PropagationQueue {

    void send(String body);
}
