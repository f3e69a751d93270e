package io.github.wxlogin.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.AccessClaims;
import org.junit.jupiter.api.Test;

class ProfileServiceTest {

    private final CoreFixture core = new CoreFixture();
    private final ProfileService profiles = core.profiles;
    private final AccessClaims alice = core.caller(core.login(core.account("u_alice")));

    @Test
    void meIsTheCallersAccountInTheAppOfItsToken() {
        Account me = profiles.me(alice);

        assertThat(me.user().id()).isEqualTo("u_alice");
        assertThat(me.identity().appId()).isEqualTo(CoreFixture.APP);
    }

    @Test
    void anUpdateChangesOnlyTheFieldsGiven() {
        profiles.update(alice, ProfileChange.of("Alice", "https://example.com/a.png"));

        Account after = profiles.update(alice, ProfileChange.of("\u7231\u4e3d\u4e1d", null));

        assertThat(after.user().nickname()).contains("\u7231\u4e3d\u4e1d");
        assertThat(after.user().avatarUrl()).contains("https://example.com/a.png");
    }

    @Test
    void anEmptyChangeChangesNothing() {
        profiles.update(alice, ProfileChange.of("Alice", null));

        Account after = profiles.update(alice, ProfileChange.of(null, null));

        assertThat(after.user().nickname()).contains("Alice");
        assertThat(after.user().avatarUrl()).isEmpty();
    }
}
