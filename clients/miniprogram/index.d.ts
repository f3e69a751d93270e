// Types of wxlogin-miniprogram, for both entry points (src/index.js and esm/index.mjs).
// Written by hand against the service's HTTP contract (docs/api.md).

/** The contract's word for a platform (API.md, "Platforms"). */
export type PlatformName = 'wechat' | 'qq' | 'douyin' | 'alipay' | 'baidu' | 'kuaishou' | 'wecom';

/**
 * The platforms the SDK logs in on: every platform of the contract, on its own host object (`wx`,
 * `qq`, `tt`, `my`, `swan`, `ks`; WeCom: `wx` with `wx.qy`) or, but for WeCom, through uni-app.
 */
export type SdkPlatform = PlatformName;

/** The service's user object (`GET /v1/me`). Absent values are `null`, never missing. */
export interface User {
  /** The service's own stable id (`u_…`), the same in every app of one open-platform group. */
  id: string;
  /** The platform of the app this session came through. */
  platform: PlatformName;
  /** Present (true) only for a Douyin guest that has not logged in yet. */
  anonymous?: true;
  /** The user's openid in the app this session came through. Data, not a credential. */
  openid: string;
  unionid: string | null;
  phoneNumber: string | null;
  countryCode: string | null;
  nickname: string | null;
  avatarUrl: string | null;
  /** ISO-8601 UTC, whole seconds. */
  createdAt: string;
}

/** One live session of the user (`GET /v1/sessions`): a device. */
export interface SessionInfo {
  id: string;
  appId: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  /** True for the session of this SDK. */
  current: boolean;
}

/** What `bindPhone` resolves (`POST /v1/me/phone`). */
export interface PhoneBinding {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
  user: User;
  /**
   * Present (true) when `WXLOGIN_LINK_BY_PHONE` linked this identity into the user who already held
   * the number: `user` is that user, and the SDK now holds a session of it (a `login` event with `linked: true`).
   */
  linked?: true;
}

/**
 * A platform's proof of the user's phone number, as `bindPhone` takes it:
 * - WeChat, Douyin: the getPhoneNumber button's `e.detail` (or just its `code`), which carries
 *   `code` or, from older base libraries, `encryptedData` and `iv`; WeChat's getRealtimePhoneNumber
 *   button's `e.detail` likewise (its `code`);
 * - Baidu, Kuaishou: the getPhoneNumber button's `e.detail` (`encryptedData` and `iv`);
 * - Alipay: `my.getPhoneNumber`'s success result, or its `response` string (JSON text of the
 *   encrypted `response` and its `sign`), or `{ response, sign }`.
 * An `e.detail` without a proof (the user refused, WeChat's errno 1400001: the quota is spent) is
 * rejected without a request: `phone_denied`, `phone_quota_exhausted` or `phone_unavailable`.
 */
export type PhoneProof =
  | string
  | { code: string }
  | { encryptedData: string; iv: string }
  | { response: string; sign?: string }
  | { code?: string; encryptedData?: string; iv?: string; errMsg?: string; errno?: number; [field: string]: unknown };

/** One way the user reaches the service: an app's id for them (`GET /v1/me/identities`). */
export interface Identity {
  id: string;
  platform: PlatformName;
  appId: string;
  /** The user's id in that app (Alipay: user_id or open_id; WeCom: corpid + userid). */
  openid: string;
  unionid: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

/** What `linkIdentity` resolves (`POST /v1/me/identities`). */
export interface LinkedIdentity {
  identity: Identity;
  user: User;
}

/** Open data as the hosts' APIs hand it to the mini program (e.g. `e.detail`; Baidu's swan.getUserInfo: `data` for `encryptedData`). */
export interface OpenData {
  encryptedData?: string;
  /** Baidu's name for `encryptedData` (swan.getUserInfo's result). */
  data?: string;
  iv: string;
  rawData?: string;
  signature?: string;
}

/** The problem+json body of an error answer (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  [field: string]: unknown;
}

/** The service's error codes (docs/errors.md), and the SDK's own. */
export type WxLoginErrorCode =
  | 'invalid_request'
  | 'unknown_app'
  | 'invalid_code'
  | 'code_used'
  | 'invalid_token'
  | 'token_reused'
  | 'user_disabled'
  | 'user_blocked'
  | 'not_found'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'phone_in_use'
  /** linkIdentity: that identity belongs to another user; nothing changed. */
  | 'identity_in_use'
  /** unlinkIdentity: the user's only identity. */
  | 'last_identity'
  /** The app's platform has no such capability (e.g. a phone proof it does not offer). */
  | 'unsupported'
  | 'session_key_stale'
  | 'watermark_mismatch'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal_error'
  | 'upstream_unavailable'
  /** No HTTP answer came (the platform's request failed: offline, timeout, domain not allowed). */
  | 'network_error'
  /** The host's login (wx.login, qq.login, tt.login, my.getAuthCode, swan.getLoginCode, ks.login, wx.qy.login, uni.login) failed or gave no code; the name is kept from 0.1. */
  | 'wx_login_failed'
  /** A 200 answer without the tokens a session needs. */
  | 'invalid_response'
  /** bindPhone, no request sent: WeChat's phone button answered errno 1400001, the app's quota of (paid) phone verifications is spent. */
  | 'phone_quota_exhausted'
  /** bindPhone, no request sent: the user refused or closed the phone button's dialog (its errMsg says deny or cancel). */
  | 'phone_denied'
  /** bindPhone, no request sent: the phone button failed otherwise (e.g. the app lacks the permission); see `detail` and `errno`. */
  | 'phone_unavailable'
  /** An error answer without a problem+json `code`: `http_<status>`. */
  | `http_${number}`
  | (string & {});

export class WxLoginError extends Error {
  constructor(
    code: WxLoginErrorCode,
    message?: string,
    props?: { status?: number; detail?: string | null; retryAfter?: number | null; problem?: Problem | null; retryWithUser?: boolean; errno?: number | null; cause?: unknown },
  );
  readonly name: 'WxLoginError';
  /** The problem+json `code` to branch on, or one of the SDK's own codes. */
  readonly code: WxLoginErrorCode;
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** The service's one-sentence explanation, or null; for `wx_login_failed`, `network_error` and the `phone_…` codes, the host's `errMsg` (Alipay: `errorMessage`). */
  readonly detail: string | null;
  /** Seconds to wait, from `Retry-After` (on 429 rate_limited and 503 upstream_unavailable), or null. */
  readonly retryAfter: number | null;
  /** The whole problem+json body, or null. */
  readonly problem: Problem | null;
  /**
   * On `session_key_stale` from `decrypt`: the SDK has logged in again, and the data must be asked
   * from WeChat (the user) once more; the old encryptedData stays undecryptable.
   */
  retryWithUser: boolean;
  /** On the `phone_…` codes: the phone button's `e.detail.errno` (WeChat: 1400001, quota spent), or null. */
  readonly errno: number | null;
  /** The underlying platform error (e.g. `{ errMsg }`) for network_error and wx_login_failed. */
  readonly cause?: unknown;
}

/**
 * What the SDK needs of the host's API object: `wx`, `qq`, `tt`, `swan`, `ks` or `uni` as below;
 * `my` (Alipay) with its own dialect instead (`getAuthCode`, `my.request`'s `headers`/`status`,
 * storage by `{ key, data }`). Baidu's `swan` logs in with `getLoginCode` when it has it; WeCom's
 * `wx` with `qy.login`.
 */
export interface Platform {
  login(options: {
    /** uni.login's provider; the hosts' own login calls ignore it. */
    provider?: string;
    /** tt.login: false lets a visitor not logged in to Douyin stay a guest (only anonymousCode). */
    force?: boolean;
    /** uni.login on Alipay: 'auth_base'. */
    scopes?: string;
    success(result: { code?: string; anonymousCode?: string; isLogin?: boolean; errMsg?: string }): void;
    fail(error: { errMsg: string }): void;
  }): unknown;
  request(options: {
    url: string;
    method?: string;
    data?: unknown;
    header?: Record<string, string>;
    timeout?: number;
    success(result: { statusCode: number; data: any; header?: Record<string, string>; headers?: Record<string, string> }): void;
    fail(error: { errMsg: string }): void;
    [option: string]: unknown;
  }): unknown;
  getStorageSync(key: string): any;
  setStorageSync(key: string, value: any): void;
  removeStorageSync(key: string): void;
  /** Baidu: swan.getLoginCode (login, i.e. swan.login, on base libraries without it). */
  getLoginCode?(options: { success(result: { code?: string; errMsg?: string }): void; fail(error: { errMsg: string }): void }): unknown;
  /** WeCom: `wx.qy`, present only inside WeCom (企业微信). */
  qy?: { login(options: { success(result: { code?: string; errMsg?: string }): void; fail(error: { errMsg: string }): void }): unknown };
}

/** A synchronous key-value store for the session (like localStorage, but it receives objects). */
export interface SessionStorage {
  getItem(key: string): StoredSession | null | undefined | '';
  setItem(key: string, value: StoredSession): void;
  removeItem(key: string): void;
}

/** Exactly what the SDK stores: the service's tokens, when to stop using them, and the user. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds after which the access token is not sent (a little before it expires). */
  accessExpiresAt: number;
  /** Epoch milliseconds after which the refresh token is not tried. */
  refreshExpiresAt: number;
  user: User | null;
}

export type SessionChangeReason =
  /** A login (explicit, or a silent one after the session was lost). */
  | 'login'
  /** The tokens were refreshed. */
  | 'refresh'
  /** The cached user changed (getUser, updateProfile, bindPhone). */
  | 'user'
  /** logout(), endSession() of this device's own session, or unlinkIdentity() of the identity it came through. */
  | 'logout'
  /** The service ended the session (ended elsewhere, refresh token reused or expired, user disabled). */
  | 'lost';

export interface SessionChangeEvent {
  reason: SessionChangeReason;
  /** On `login`: whether this login created the user. */
  newUser?: boolean;
  /** On `login` from `bindPhone`: the number linked this identity into the user who held it. */
  linked?: true;
}

/** Called with the user, or null when no session is held any more. */
export type SessionChangeListener = (user: User | null, event: SessionChangeEvent) => void;

export interface AuthOptions {
  /** The service's base URL, e.g. `https://login.example.com` (a request legal domain of the mini program). */
  baseUrl: string;
  /** The mini program's appid; may be left out when the service has exactly one app configured. */
  appId?: string;
  /**
   * Which platform to log in on: 'wechat', 'qq', 'douyin', 'alipay', 'baidu', 'kuaishou' (the host's
   * own `wx`, `qq`, `tt`, `my`, `swan`, `ks`, else uni-app's `uni.login({ provider })`), or 'wecom'
   * (`wx.qy.login` of `wx` inside WeCom; never found by itself and never through uni). Default: the
   * host found (`tt`, `qq`, `my`, `swan`, `ks`, `wx`, then `uni` as WeChat). An API object here is
   * taken as `api` (as in 0.1).
   */
  platform?: SdkPlatform | Platform;
  /** The host's API object (`wx`, `qq`, `tt`, `my`, `swan`, `ks`, `uni`, or a wrapper of one); default: that platform's global. */
  api?: Platform | object;
  /**
   * Douyin: log in with tt.login({ force: false }), so that a visitor not logged in to Douyin is not
   * asked to and becomes a guest (`user.anonymous`), sending anonymousCode alone. Default false.
   */
  allowGuest?: boolean;
  /** Where the session is kept; default: the platform's sync storage. */
  storage?: SessionStorage;
  /** The storage key; default `wxlogin_session`. */
  storageKey?: string;
  /** Registers a first session-change listener. */
  onSessionChange?: SessionChangeListener;
  /** Passed to every `platform.request` as its `timeout` (milliseconds), unless the call sets one. */
  timeout?: number;
  /** The clock, in epoch milliseconds; default `Date.now`. For tests. */
  now?: () => number;
}

/** Options of `request`, shaped like `wx.request`'s, without the callbacks. */
export interface RequestOptions {
  /** Relative to `baseUrl`, or absolute (the access token is sent there too: only your own backends). */
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | string;
  data?: string | object | ArrayBuffer;
  header?: Record<string, string>;
  timeout?: number;
  dataType?: string;
  responseType?: 'text' | 'arraybuffer';
  [option: string]: unknown;
}

export interface Response<T = any> {
  statusCode: number;
  data: T;
  header: Record<string, string>;
}

export interface Auth {
  /**
   * The host's login (wx.login, qq.login, tt.login, my.getAuthCode, swan.getLoginCode, ks.login,
   * wx.qy.login, uni.login) and a new session;
   * resolves the user. Concurrent calls share one login. `allowGuest: false` on Douyin asks a guest
   * to log in to Douyin, and the guest's user becomes (or is linked to) the real one.
   */
  login(options?: { allowGuest?: boolean }): Promise<User>;
  /** The platform this SDK logs in on. */
  platform(): SdkPlatform;
  /** The user of the held session, without network while its access token is fresh; else refresh or log in. */
  ensureLogin(): Promise<User>;
  /** A fresh access token (refreshing or logging in as needed), e.g. for wx.uploadFile. */
  getAccessToken(): Promise<string>;
  /**
   * Like wx.request, with `Authorization: Bearer …`. Resolves for every HTTP answer (check
   * `statusCode`); on 401 invalid_token refreshes once, or logs in again once, and retries.
   * Rejects with WxLoginError when no answer came or no session could be had.
   */
  request<T = any>(options: RequestOptions): Promise<Response<T>>;
  /** GET /v1/me. */
  getUser(): Promise<User>;
  /** PATCH /v1/me: nickname 1–64 characters, avatarUrl an https URL. */
  updateProfile(fields: { nickname?: string; avatarUrl?: string }): Promise<User>;
  /**
   * POST /v1/me/phone with the platform's phone proof (see `PhoneProof`): the getPhoneNumber or
   * getRealtimePhoneNumber button's `e.detail`. A detail without a proof rejects before any request
   * with `phone_denied`, `phone_quota_exhausted` (WeChat's errno 1400001) or `phone_unavailable`.
   */
  bindPhone(proof: PhoneProof): Promise<PhoneBinding>;
  /**
   * POST /v1/me/decrypt; resolves the decrypted object (watermark included). On session_key_stale
   * it logs in again and rejects with `code: 'session_key_stale'` and `retryWithUser: true`.
   */
  decrypt<T = Record<string, any>>(encryptedData: string, iv: string, signed?: { rawData?: string; signature?: string }): Promise<T>;
  decrypt<T = Record<string, any>>(data: OpenData): Promise<T>;
  /**
   * POST /v1/me/channel/decrypt (WeChat's encrypted network channel, `wx.getUserCryptoManager`): opens
   * what the mini program encrypted with getLatestUserKey's key (AES-128-CBC, PKCS#7, key = the
   * base64-decoded encryptKey, iv = its iv string's bytes) and resolves the service's `data` (the JSON
   * value, or the text). On session_key_stale it logs in again and rejects with `retryWithUser: true`.
   */
  channelDecrypt<T = any>(encryptedData: string, iv: string, version: number): Promise<T>;
  channelDecrypt<T = any>(sealed: { encryptedData: string; iv: string; version: number }): Promise<T>;
  /** GET /v1/me/identities: the apps (on any platform) the user reaches the service through. */
  identities(): Promise<Identity[]>;
  /**
   * POST /v1/me/identities: links the identity that `code` proves (a fresh login code of `appId`) to
   * this user. Without `code`, the host's login gives one for this app (`appId` of createAuth).
   * Rejects with `identity_in_use` when another user has it.
   */
  linkIdentity(options?: { appId?: string; code?: string }): Promise<LinkedIdentity>;
  /**
   * DELETE /v1/me/identities/{id}: the identity leaves the user and its sessions end; when it is the
   * one this session came through, the session is forgotten here too. Rejects with `last_identity`.
   */
  unlinkIdentity(id: string): Promise<void>;
  /** GET /v1/sessions: the user's live sessions (devices). */
  sessions(): Promise<SessionInfo[]>;
  /** DELETE /v1/sessions/{id}; ending this device's own session forgets it here too. */
  endSession(id: string): Promise<void>;
  /**
   * POST /v1/auth/logout, then forgets the session whatever the answer. Resolves true when the
   * service confirmed the session is over, false when it could not be told (or none was held).
   */
  logout(): Promise<boolean>;
  /** Listens for session changes; returns the function that stops it. */
  onSessionChange(listener: SessionChangeListener): () => void;
  /** The user of the held session as last seen, without network; null without a session. */
  cachedUser(): User | null;
  /** Whether tokens are held (they may have expired; `ensureLogin` renews them). */
  hasSession(): boolean;
}

export function createAuth(options: AuthOptions): Auth;
