package org.kam.relationship.training.messaging;

import java.util.function.Consumer;

import org.kam.relationship.training.ProductDetailsReader;
import org.kam.relationship.training.Trainings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class ProductsConsumer {

    /** kam.products.v1 → which SKUs are technical, and of which line. */
    @Bean
    Consumer<Message<byte[]>> products(Trainings trainings) {
        ProductDetailsReader reader = new ProductDetailsReader();
        return message -> trainings.recordProduct(reader.read(message.getPayload()));
    }
}
