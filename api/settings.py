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
    nlu_confidence_threshold: float = Field(0.6, description="below this NLU confidence the citizen picks the department")
    resolution_silence_days: int = Field(7, description="days after 'resolved' with no citizen answer before a case closes")
    conversation_idle_minutes: int = Field(30, description="an idle conversation starts fresh after this many minutes")
    worker_enabled: bool = Field(True, description="run the outbox/SLA worker inside `awaaz serve`")
    worker_poll_seconds: float = Field(2.0, description="how often the worker looks for due notifications")
    sla_sweep_seconds: float = Field(60.0, description="how often the SLA sweep runs")
    max_body_bytes: int = Field(1_000_000, description="largest request body accepted (413 beyond)")
    twilio_account_sid: str = Field("", description="Twilio account SID (outbound WhatsApp/SMS)")
    twilio_auth_token: str = Field("", description="Twilio auth token (webhook signatures, outbound)")
    twilio_validate_signatures: bool = Field(True, description="development only: false skips Twilio signature checks (logged loudly)")
    twilio_whatsapp_from: str = Field("", description="sender, e.g. whatsapp:+14155238886")
    twilio_sms_from: str = Field("", description="SMS sender number in E.164")
    twilio_api_base_url: str = Field("", description="override Twilio's API host (tests' fake)")
    twilio_whatsapp_template_sid: str = Field("", description="Content SID for notifications outside the 24-hour window")
    sms_lookups_per_hour: int = Field(10, description="status lookups one phone number may make by SMS per hour (against ID enumeration)")
    telegram_bot_token: str = Field("", description="Telegram bot token")
    telegram_mode: str = Field("webhook", description="webhook | polling")
    telegram_webhook_secret: str = Field("", description="X-Telegram-Bot-Api-Secret-Token expected on webhooks")
    telegram_api_base_url: str = Field("https://api.telegram.org/bot", description="Bot API base URL (token appended)")
    telegram_webhook_url: str = Field("", description="webhook mode: at start, setWebhook to this URL (https://…/webhooks/telegram)")
    session_secret: str = Field("", description="secret for signed dashboard/web-chat cookies (random per run when empty)")
    log_level: str = Field("INFO", description="logging level")
    dashboard_timezone: str = Field("Asia/Karachi", description="time zone in which the dashboard shows times")
    # --- issue 12: routing that learns ---
    rasa_replicas: str = Field("", description="further Rasa base URLs (comma-separated) that load a promoted model too")
    learn_margin: float = Field(0.02, description="largest macro-F1 drop (overall or in any language) a candidate model may show and still be promoted")
    learn_holdout: float = Field(0.25, description="share of approved corrections held back from training to score current and candidate")
    learn_eval_sets: str = Field("", description="frozen evaluation CSVs (comma-separated); empty: nlu/eval/blind.csv, else ../shared/eval/nlu_dev.csv")
    learn_every_hours: float = Field(0.0, description="the worker runs `awaaz nlu learn` this often; 0 = never (off by default)")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
