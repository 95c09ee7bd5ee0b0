package io.contingo.starter.errors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;

/** Every service's error bodies and pages take their message from {@link PlainErrorAttributes}. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DefaultErrorAttributes.class)
public class PlainErrorsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ErrorAttributes.class)
    PlainErrorAttributes errorAttributes() {
        return new PlainErrorAttributes();
    }
}
