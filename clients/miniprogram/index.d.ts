// Types of wxlogin-miniprogram, for both entry points (src/index.js and esm/index.mjs).
// Written by hand against the service's HTTP contract (docs/api.md).

/** The service's user object (`GET /v1/me`). Absent values are `null`, never missing. */
export interface User {
  /** The service's own stable id (`u_…`), the same in every app of one open-platform group. */
  id: string;
  /** The platform of the app this session came through. */
  platform: 'wechat' | 'qq' | 'douyin' | 'alipay' | 'baidu' | 'kuaishou' | 'wecom';
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
}

/** Open data as WeChat's APIs hand it to the mini program (e.g. `e.detail`). */
export interface OpenData {
  encryptedData: string;
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
  | 'session_key_stale'
  | 'watermark_mismatch'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal_error'
  | 'upstream_unavailable'
  /** No HTTP answer came (the platform's request failed: offline, timeout, domain not allowed). */
  | 'network_error'
  /** `wx.login()` failed or gave no code. */
  | 'wx_login_failed'
  /** A 200 answer without the tokens a session needs. */
  | 'invalid_response'
  /** An error answer without a problem+json `code`: `http_<status>`. */
  | `http_${number}`
  | (string & {});

export class WxLoginError extends Error {
  constructor(
    code: WxLoginErrorCode,
    message?: string,
    props?: { status?: number; detail?: string | null; retryAfter?: number | null; problem?: Problem | null; retryWithUser?: boolean; cause?: unknown },
  );
  readonly name: 'WxLoginError';
  /** The problem+json `code` to branch on, or one of the SDK's own codes. */
  readonly code: WxLoginErrorCode;
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** The service's one-sentence explanation, or null; for `wx_login_failed` and `network_error`, the platform's `errMsg`. */
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
  /** The underlying platform error (e.g. `{ errMsg }`) for network_error and wx_login_failed. */
  readonly cause?: unknown;
}

/** What the SDK needs of `wx` or `uni`. */
export interface Platform {
  login(options: {
    provider?: string;
    success(result: { code: string; errMsg?: string }): void;
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
  /** logout(), or endSession() of this device's own session. */
  | 'logout'
  /** The service ended the session (ended elsewhere, refresh token reused or expired, user disabled). */
  | 'lost';

export interface SessionChangeEvent {
  reason: SessionChangeReason;
  /** On `login`: whether this login created the user. */
  newUser?: boolean;
}

/** Called with the user, or null when no session is held any more. */
export type SessionChangeListener = (user: User | null, event: SessionChangeEvent) => void;

export interface AuthOptions {
  /** The service's base URL, e.g. `https://login.example.com` (a request legal domain of the mini program). */
  baseUrl: string;
  /** The mini program's appid; may be left out when the service has exactly one app configured. */
  appId?: string;
  /** `wx` (default), or `uni` when there is no `wx` (uni-app). */
  platform?: Platform;
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
  /** wx.login() and a new session; resolves the user. Concurrent calls share one login. */
  login(): Promise<User>;
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
  /** POST /v1/me/phone with the getPhoneNumber button's `e.detail.code`. */
  bindPhone(code: string): Promise<PhoneBinding>;
  /**
   * POST /v1/me/decrypt; resolves the decrypted object (watermark included). On session_key_stale
   * it logs in again and rejects with `code: 'session_key_stale'` and `retryWithUser: true`.
   */
  decrypt<T = Record<string, any>>(encryptedData: string, iv: string, signed?: { rawData?: string; signature?: string }): Promise<T>;
  decrypt<T = Record<string, any>>(data: OpenData): Promise<T>;
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
