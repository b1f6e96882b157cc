"""The one settings object: environment variables and `.env`, documented in the README table."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field("sqlite:///var/awaaz.db", description="SQLAlchemy URL: SQLite file or postgresql+psycopg://…")
    port: int = Field(8000, description="HTTP port of `awaaz serve` (bound to HOST)")
    host: str = Field("127.0.0.1", description="interface to bind")
    public_base_url: str = Field("http://127.0.0.1:8000", description="public URL of this service (Twilio signatures, links)")
    rasa_url: str = Field("http://127.0.0.1:5005", description="base URL of the Rasa NLU server")
    rasa_token: str = Field("", description="auth token of the Rasa server (`rasa run --auth-token`)")
    nlu_enabled: bool = Field(True, description="false: skip the NLU and always show the department menu")
    nlu_timeout_seconds: float = Field(1.5, description="longest a citizen waits for the NLU (then the department menu)")
    nlu_confidence_threshold: float = Field(0.5, description="below this NLU confidence the citizen picks the department")
    nlu_high_confidence_threshold: float = Field(0.9, description="at or above this NLU confidence the department is taken without asking: one summary, then filed")
    resolution_silence_days: int = Field(7, description="days after 'resolved' with no citizen answer before a case closes")
    cluster_radius_m: float = Field(300.0, description="complaints with pins this close (metres) can be one problem (cluster)")
    cluster_window_days: int = Field(7, description="a complaint joins a cluster whose last report is at most this many days old")
    conversation_idle_minutes: int = Field(30, description="an idle conversation starts fresh after this many minutes")
    purge_idle_hours: float = Field(24.0, description="conversations that never filed anything are deleted after this many idle hours (0: kept)")
    spool_dir: str = Field("var/spool", description="WhatsApp/SMS messages are kept here while the database is unreachable, then replayed (empty: not kept)")
    spool_replay_seconds: float = Field(2.0, description="how often the spool is replayed while it holds messages")
    worker_enabled: bool = Field(True, description="run the outbox/SLA worker inside `awaaz serve`")
    worker_poll_seconds: float = Field(2.0, description="how often the worker looks for due notifications")
    sla_sweep_seconds: float = Field(60.0, description="how often the SLA sweep runs")
    upload_dir: str = Field("var/uploads", description="where photos sent from the web chat are stored (officers open them from the case page)")
    max_body_bytes: int = Field(1_000_000, description="largest request body accepted (413 beyond)")
    twilio_account_sid: str = Field("", description="Twilio account SID (outbound WhatsApp/SMS)")
    twilio_auth_token: str = Field("", description="Twilio auth token (webhook signatures, outbound)")
    twilio_validate_signatures: bool = Field(True, description="development only: false skips Twilio signature checks (logged loudly)")
    twilio_whatsapp_from: str = Field("", description="sender, e.g. whatsapp:+14155238886")
    twilio_sms_from: str = Field("", description="SMS sender number in E.164")
    twilio_api_base_url: str = Field("", description="override Twilio's API host (tests' fake)")
    twilio_whatsapp_template_sid: str = Field("", description="Content SID for notifications outside the 24-hour window")
    sms_lookups_per_hour: int = Field(10, description="status lookups one sender may make per hour, SMS, WhatsApp and Telegram together (against ID enumeration)")
    redis_url: str = Field("redis://127.0.0.1:6379/0", description="Redis for request limits shared by all app processes (empty or unreachable: per process)")
    redis_key_prefix: str = Field("awaaz", description="prefix of this deployment's Redis keys")
    track_lookups_per_minute: int = Field(60, description="tracking lookups (/track, /api/v1/track) one client (cookie, else address) may make per minute")
    chat_messages_per_minute: int = Field(30, description="web chat messages one visitor (cookie, else address) may send per minute")
    open311_posts_per_minute: int = Field(30, description="Open311 requests one API key or address may file per minute")
    login_attempts_per_minute: int = Field(10, description="dashboard sign-in attempts per address per minute (against token guessing)")
    ip_requests_per_minute: int = Field(600, description="limited requests per address per minute when a cookie or sender names the client (carriers put many citizens behind one address)")
    telegram_bot_token: str = Field("", description="Telegram bot token")
    telegram_mode: str = Field("webhook", description="webhook | polling")
    telegram_webhook_secret: str = Field("", description="X-Telegram-Bot-Api-Secret-Token expected on webhooks")
    telegram_api_base_url: str = Field("https://api.telegram.org/bot", description="Bot API base URL (token appended)")
    telegram_webhook_url: str = Field("", description="webhook mode: at start, setWebhook to this URL (https://…/webhooks/telegram)")
    session_secret: str = Field("", description="secret for signed dashboard/web-chat cookies; when empty one is generated once and kept in SESSION_SECRET_FILE (set it in production, the same in every process)")
    session_secret_file: str = Field("var/session_secret", description="where the generated SESSION_SECRET is kept when SESSION_SECRET is empty (mode 0600)")
    log_level: str = Field("INFO", description="logging level")
    transparency_cache_seconds: float = Field(60.0, description="how long the public statistics (/transparency) are reused before one process recomputes them")
    dashboard_timezone: str = Field("Asia/Karachi", description="time zone in which the dashboard shows times")
    # --- issue 15: voice notes ---
    voice_enabled: bool = Field(True, description="transcribe voice notes (false: they are answered with the menu)")
    asr_model_dir: str = Field("", description="CTranslate2 Whisper model directory (empty: the packaged base model)")
    asr_cache_dir: str = Field("var/asr", description="where the packaged base model is assembled on first use")
    asr_threads: int = Field(2, description="CPU threads one transcription uses")
    voice_max_seconds: float = Field(180.0, description="longest voice note transcribed (seconds)")
    voice_max_bytes: int = Field(10_000_000, description="largest voice note fetched (bytes)")
    media_fetch_timeout_seconds: float = Field(20.0, description="timeout of one media download from a channel")
    twilio_media_hosts: str = Field("api.twilio.com,media.twiliocdn.com,s3-external-1.amazonaws.com",
                                    description="hosts a Twilio media download may be redirected to (comma-separated)")
    # --- issue 12: routing that learns ---
    rasa_replicas: str = Field("", description="further Rasa base URLs (comma-separated) that load a promoted model too")
    learn_margin: float = Field(0.02, description="largest macro-F1 drop (overall or in any language) a candidate model may show and still be promoted")
    learn_holdout: float = Field(0.25, description="share of approved corrections held back from training to score current and candidate")
    learn_eval_sets: str = Field("", description="frozen evaluation CSVs (comma-separated); empty: nlu/eval/blind.csv, else ../shared/eval/nlu_dev.csv")
    learn_every_hours: float = Field(0.0, description="the worker runs `awaaz nlu learn` this often; 0 = never (off by default)")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
