package org.kam.chassis;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ChassisDefaultsTest {

    @Test
    void theProdProfileRefusesTheLocalDefaultPasswordAndNoPasswordAtAll() {
        assertThatThrownBy(() -> ChassisDefaults.requireARealDatabasePasswordInProduction(environment("prod", "postgres")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KAM_DB_PASSWORD");
        assertThatThrownBy(() -> ChassisDefaults.requireARealDatabasePasswordInProduction(environment("prod", "")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theProdProfileStartsWithAPasswordOfItsOwnAndOtherProfilesWithTheLocalOne() {
        assertThatCode(() -> ChassisDefaults.requireARealDatabasePasswordInProduction(environment("prod", "s3cret-from-vault")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ChassisDefaults.requireARealDatabasePasswordInProduction(environment("default", "postgres")))
                .doesNotThrowAnyException();
    }

    private static StandardEnvironment environment(String profile, String password) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles(profile);
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("spring.datasource.password", password)));
        return environment;
    }
}
