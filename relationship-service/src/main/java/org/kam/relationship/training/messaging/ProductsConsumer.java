package org.kam.relationship.training.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.kam.relationship.training.ProductDetailsReader;
import org.kam.relationship.training.Trainings;
import org.kam.chassis.messaging.Batches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class ProductsConsumer {

    /** kam.products.v1 → which SKUs are technical, and of which line. */
    @Bean
    Consumer<Message<List<byte[]>>> products(Batches batches, Trainings trainings) {
        ProductDetailsReader reader = new ProductDetailsReader();
        return batches.each(message -> trainings.recordProduct(reader.read(message.getPayload())));
    }
}
