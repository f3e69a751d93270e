package io.github.wxlogin.core.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawJsonMembersTest {

    @Test
    void eachValueIsItsTextAsItStandsWithSpacingAndEscapesKept() {
        String inner = "{ \"user_id\" : \"2088\\/01\",\"nested\":{\"a\":[1, {\"b\":\"}\\\"{\"}]},\"n\":1.50 }";
        Map<String, String> members = RawJsonMembers.of(
                " {\"alipay_system_oauth_token_response\" : " + inner + " ,\n\"sign\":\"c2ln\\u006e\"}");

        assertThat(members).containsOnlyKeys("alipay_system_oauth_token_response", "sign");
        assertThat(members.get("alipay_system_oauth_token_response")).isEqualTo(inner);
        assertThat(members.get("sign")).isEqualTo("\"c2ln\\u006e\"");
    }

    @Test
    void scalarsArraysAndAnEmptyObjectAreTakenWhole() {
        assertThat(RawJsonMembers.of("{\"a\":true,\"b\":null,\"c\":[1,[2]],\"d\":-3e2}"))
                .containsEntry("a", "true")
                .containsEntry("b", "null")
                .containsEntry("c", "[1,[2]]")
                .containsEntry("d", "-3e2");
        assertThat(RawJsonMembers.of("{}")).isEmpty();
    }

    @Test
    void aNameGivenTwiceIsRefused() {
        // Which of the two a verifier checked and which a parser read could differ.
        assertThatThrownBy(() -> RawJsonMembers.of("{\"r\":{\"user_id\":\"1\"},\"r\":{\"user_id\":\"2\"}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawJsonMembers.of("{\"sign\":\"a\",\"si\\u0067n\":\"b\"}"))
                .as("the same name spelled with an escape")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"x\"", "{\"a\":1", "{\"a\":1}x", "{\"a\" 1}", "{a:1}", "{\"a\":}", "<html>"})
    void anythingButOneObjectIsRefused(String text) {
        assertThatThrownBy(() -> RawJsonMembers.of(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
