// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionurl.h"

#include <QCoreApplication>
#include <QUrl>

#include <algorithm>
#include <optional>

namespace Strata::ConnectionUrl {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::ConnectionUrl)
};

const QString Postgres = QStringLiteral("postgresql");
const QString MySql = QStringLiteral("mysql");
const QString Sqlite = QStringLiteral("sqlite");

Error invalid(const QString &message)
{
    return Error(Error::Code::InvalidArgument, message);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Strict percent-decoding: a '%' must be followed by two hex digits.
std::optional<QString> percentDecoded(QStringView text)
{
    if (!text.contains(QLatin1Char('%')))
        return text.toString();
    QByteArray bytes;
    const QByteArray utf8 = text.toUtf8();
    bytes.reserve(utf8.size());
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8.at(i);
        if (c != '%') {
            bytes.append(c);
            continue;
        }
        if (i + 2 >= utf8.size())
            return std::nullopt;
        const int high = hexValue(utf8.at(i + 1));
        const int low = hexValue(utf8.at(i + 2));
        if (high < 0 || low < 0)
            return std::nullopt;
        bytes.append(char(high * 16 + low));
        i += 2;
    }
    return QString::fromUtf8(bytes);
}

QString encoded(const QString &text, const QByteArray &keep = {})
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, keep));
}

const QStringList &sslModes()
{
    static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

Result<QString> wholeNumber(const QString &name, const QString &value, const QString &unit)
{
    bool ok = false;
    const qlonglong number = value.toLongLong(&ok);
    const bool digitsOnly = !value.isEmpty()
                            && std::all_of(value.begin(), value.end(), [](QChar c) { return c.isDigit(); });
    if (!ok || !digitsOnly || number > 86'400'000)
        return invalid(Tr::tr("option '%1' must be a whole number of %2, not '%3'").arg(name, unit, value));
    return QString::number(number);
}

Result<QString> absolutePath(const QString &name, const QString &value)
{
    if (!value.startsWith(QLatin1Char('/')))
        return invalid(Tr::tr("option '%1' must be an absolute path, not '%2'").arg(name, value));
    return value;
}

} // namespace

QString engineForScheme(const QString &scheme)
{
    const QString s = scheme.toLower();
    if (s == QLatin1String("postgresql") || s == QLatin1String("postgres"))
        return Postgres;
    if (s == QLatin1String("mysql") || s == QLatin1String("mariadb"))
        return MySql;
    if (s == QLatin1String("sqlite"))
        return Sqlite;
    return {};
}

QStringList optionNames(const QString &engine)
{
    if (engine == Postgres) {
        return {QStringLiteral("application_name"), QStringLiteral("connect_timeout"),
                QStringLiteral("host"),             QStringLiteral("sslcert"),
                QStringLiteral("sslkey"),           QStringLiteral("sslmode"),
                QStringLiteral("sslrootcert")};
    }
    if (engine == MySql) {
        return {QStringLiteral("connect_timeout"), QStringLiteral("socket"),
                QStringLiteral("sslcert"),         QStringLiteral("sslkey"),
                QStringLiteral("sslmode"),         QStringLiteral("sslrootcert")};
    }
    if (engine == Sqlite)
        return {QStringLiteral("busy_timeout"), QStringLiteral("foreign_keys"), QStringLiteral("mode")};
    return {};
}

Result<QString> normalizedOption(const QString &engine, const QString &name, const QString &value)
{
    if (!optionNames(engine).contains(name)) {
        if (name.isEmpty())
            return invalid(Tr::tr("an option has no name"));
        return invalid(Tr::tr("unknown option '%1' for %2 (known: %3)")
                           .arg(name, engine, optionNames(engine).join(QLatin1String(", "))));
    }
    if (name == QLatin1String("sslmode")) {
        if (!sslModes().contains(value)) {
            return invalid(Tr::tr("sslmode '%1' is not one of %2")
                               .arg(value, sslModes().join(QLatin1String(", "))));
        }
        return value;
    }
    if (name == QLatin1String("connect_timeout"))
        return wholeNumber(name, value, Tr::tr("seconds"));
    if (name == QLatin1String("busy_timeout"))
        return wholeNumber(name, value, Tr::tr("milliseconds"));
    if (name == QLatin1String("host")) {
        if (!value.startsWith(QLatin1Char('/'))) {
            return invalid(Tr::tr("option 'host' must be a socket directory (an absolute path), not "
                                  "'%1'; put a host name before the database").arg(value));
        }
        return value;
    }
    if (name == QLatin1String("socket") || name == QLatin1String("sslrootcert")
        || name == QLatin1String("sslcert") || name == QLatin1String("sslkey")) {
        return absolutePath(name, value);
    }
    if (name == QLatin1String("mode")) {
        static const QStringList modes{QStringLiteral("ro"), QStringLiteral("rw"), QStringLiteral("rwc")};
        if (!modes.contains(value))
            return invalid(Tr::tr("mode '%1' is not one of %2").arg(value, modes.join(QLatin1String(", "))));
        return value;
    }
    if (name == QLatin1String("foreign_keys")) {
        const QString v = value.toLower();
        if (v == QLatin1String("on") || v == QLatin1String("true") || v == QLatin1String("1"))
            return QStringLiteral("on");
        if (v == QLatin1String("off") || v == QLatin1String("false") || v == QLatin1String("0"))
            return QStringLiteral("off");
        return invalid(Tr::tr("option 'foreign_keys' must be on or off, not '%1'").arg(value));
    }
    // application_name: any text, but no control characters (they end up in server logs).
    if (std::any_of(value.begin(), value.end(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return invalid(Tr::tr("option '%1' contains control characters").arg(name));
    return value;
}

namespace {

Result<void> parseQuery(QStringView query, ConnectionSettings &settings)
{
    const QList<QStringView> pairs = query.split(QLatin1Char('&'));
    for (QStringView pair : pairs) {
        if (pair.isEmpty())
            continue; // "a=1&&b=2" and a trailing '&' are harmless
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const std::optional<QString> name = percentDecoded(eq < 0 ? pair : pair.left(eq));
        if (!name)
            return invalid(Tr::tr("an option name has invalid percent-encoding"));
        if (eq < 0)
            return invalid(Tr::tr("option '%1' has no value (expected %1=value)").arg(*name));
        const std::optional<QString> value = percentDecoded(pair.mid(eq + 1));
        if (!value)
            return invalid(Tr::tr("the value of option '%1' has invalid percent-encoding").arg(*name));
        if (value->isEmpty())
            return invalid(Tr::tr("option '%1' has an empty value").arg(*name));
        Result<QString> checked = normalizedOption(settings.engine, *name, *value);
        if (!checked)
            return checked.error();
        if (settings.options.contains(*name))
            return invalid(Tr::tr("option '%1' is given more than once").arg(*name));
        settings.options.insert(*name, checked.value());
    }
    return {};
}

bool isIpv6Literal(const QString &address)
{
    const QString bare = address.section(QLatin1Char('%'), 0, 0);
    if (!bare.contains(QLatin1Char(':')))
        return false;
    if (address.contains(QLatin1Char('%')) && address.section(QLatin1Char('%'), 1).isEmpty())
        return false;
    return std::all_of(bare.begin(), bare.end(), [](QChar c) {
        return c.isDigit() || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f'))
               || c == QLatin1Char(':') || c == QLatin1Char('.');
    });
}

Result<int> parsePort(const QString &text)
{
    if (text.isEmpty())
        return invalid(Tr::tr("the port after ':' is empty"));
    if (!std::all_of(text.begin(), text.end(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }))
        return invalid(Tr::tr("port '%1' is not a number").arg(text));
    bool ok = false;
    const int port = text.toInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return invalid(Tr::tr("port '%1' is out of range (1-65535)").arg(text));
    return port;
}

// host[:port] or [v6]:port, percent-decoded. A path-like host becomes the socket option.
Result<void> parseHostPort(QStringView hostPort, ConnectionSettings &settings)
{
    QString host;
    QStringView portText;
    bool hasPort = false;
    if (hostPort.startsWith(QLatin1Char('['))) {
        const qsizetype close = hostPort.indexOf(QLatin1Char(']'));
        if (close < 0)
            return invalid(Tr::tr("unterminated '[' in the host"));
        const std::optional<QString> address = percentDecoded(hostPort.mid(1, close - 1));
        if (!address)
            return invalid(Tr::tr("the IPv6 address has invalid percent-encoding (write a zone as %25eth0)"));
        if (!isIpv6Literal(*address))
            return invalid(Tr::tr("'%1' is not an IPv6 address").arg(*address));
        host = *address;
        const QStringView rest = hostPort.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return invalid(Tr::tr("unexpected '%1' after ']' in the host").arg(rest.toString()));
            hasPort = true;
            portText = rest.mid(1);
        }
    } else {
        const qsizetype colon = hostPort.indexOf(QLatin1Char(':'));
        if (colon >= 0 && hostPort.indexOf(QLatin1Char(':'), colon + 1) >= 0)
            return invalid(Tr::tr("an IPv6 address must be written in brackets, e.g. [::1]"));
        if (hostPort.contains(QLatin1Char(']')))
            return invalid(Tr::tr("unexpected ']' in the host"));
        const std::optional<QString> decoded = percentDecoded(colon < 0 ? hostPort : hostPort.left(colon));
        if (!decoded)
            return invalid(Tr::tr("the host has invalid percent-encoding"));
        host = *decoded;
        if (colon >= 0) {
            hasPort = true;
            portText = hostPort.mid(colon + 1);
        }
        const bool isPath = host.startsWith(QLatin1Char('/'));
        if (!isPath && std::any_of(host.begin(), host.end(), [](QChar c) {
                return c.isSpace() || c == QLatin1Char('/') || c == QLatin1Char('@') || c.category() == QChar::Other_Control;
            })) {
            return invalid(Tr::tr("'%1' is not a valid host name").arg(host));
        }
    }
    if (hasPort) {
        Result<int> port = parsePort(portText.toString());
        if (!port)
            return port.error();
        settings.port = port.value();
    }
    if (host.startsWith(QLatin1Char('/'))) {
        settings.options.insert(settings.engine == Postgres ? QStringLiteral("host") : QStringLiteral("socket"),
                                host);
        return {};
    }
    if (host.isEmpty() && hasPort && settings.engine == MySql)
        return invalid(Tr::tr("a port needs a host for MySQL (an empty host means the local socket)"));
    settings.host = host;
    return {};
}

Result<void> parseServerUrl(QStringView rest, ConnectionSettings &settings)
{
    if (!rest.startsWith(QLatin1String("//"))) {
        return invalid(Tr::tr("expected '//' after '%1:' (e.g. %1://user@host/database)")
                           .arg(settings.engine));
    }
    rest = rest.mid(2);
    qsizetype authorityEnd = rest.size();
    for (QChar stop : {QLatin1Char('/'), QLatin1Char('?')}) {
        const qsizetype at = rest.indexOf(stop);
        if (at >= 0 && at < authorityEnd)
            authorityEnd = at;
    }
    QStringView authority = rest.left(authorityEnd);
    QStringView tail = rest.mid(authorityEnd);

    // The last '@' separates user info from the host, so an unencoded '@' in a user name works.
    const qsizetype at = authority.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        const QStringView userInfo = authority.left(at);
        const qsizetype colon = userInfo.indexOf(QLatin1Char(':'));
        const std::optional<QString> user = percentDecoded(colon < 0 ? userInfo : userInfo.left(colon));
        if (!user)
            return invalid(Tr::tr("the user name has invalid percent-encoding"));
        settings.user = *user;
        if (colon >= 0) {
            // Never echo the password, not even in an error.
            const std::optional<QString> password = percentDecoded(userInfo.mid(colon + 1));
            if (!password)
                return invalid(Tr::tr("the password has invalid percent-encoding (write '%' as %25)"));
            settings.password = *password;
        }
        authority = authority.mid(at + 1);
    }
    if (Result<void> hostPort = parseHostPort(authority, settings); !hostPort)
        return hostPort;

    QStringView path = tail;
    QStringView query;
    if (const qsizetype q = tail.indexOf(QLatin1Char('?')); q >= 0) {
        path = tail.left(q);
        query = tail.mid(q + 1);
    }
    if (path.startsWith(QLatin1Char('/')))
        path = path.mid(1);
    if (path.contains(QLatin1Char('/')))
        return invalid(Tr::tr("the database name '%1' contains '/' (encode it as %2F)").arg(path.toString()));
    const std::optional<QString> database = percentDecoded(path);
    if (!database)
        return invalid(Tr::tr("the database name has invalid percent-encoding"));
    settings.database = *database;

    // The authority may already have set a socket option; the query must not repeat it.
    const QMap<QString, QString> fromHost = settings.options;
    settings.options.clear();
    if (Result<void> options = parseQuery(query, settings); !options)
        return options;
    for (auto it = fromHost.cbegin(); it != fromHost.cend(); ++it) {
        if (settings.options.contains(it.key()))
            return invalid(Tr::tr("option '%1' is given more than once").arg(it.key()));
        settings.options.insert(it.key(), it.value());
    }
    return {};
}

Result<void> parseSqliteUrl(QStringView rest, ConnectionSettings &settings)
{
    QStringView path = rest;
    QStringView query;
    if (const qsizetype q = rest.indexOf(QLatin1Char('?')); q >= 0) {
        path = rest.left(q);
        query = rest.mid(q + 1);
    }
    if (path.startsWith(QLatin1String("//"))) {
        path = path.mid(2);
        if (!path.startsWith(QLatin1Char('/'))) {
            return invalid(Tr::tr("SQLite URLs have no host: write sqlite:///absolute/path.db or "
                                  "sqlite:relative/path.db"));
        }
    }
    const std::optional<QString> file = percentDecoded(path);
    if (!file)
        return invalid(Tr::tr("the file path has invalid percent-encoding"));
    if (file->isEmpty())
        return invalid(Tr::tr("the SQLite URL has no file path"));
    settings.database = *file;
    return parseQuery(query, settings);
}

} // namespace

Result<ConnectionSettings> parse(const QString &url)
{
    const QString text = url.trimmed();
    if (text.isEmpty())
        return invalid(Tr::tr("the URL is empty"));
    if (text.contains(QLatin1Char('#')))
        return invalid(Tr::tr("the URL contains '#'; encode it as %23"));
    if (std::any_of(text.begin(), text.end(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return invalid(Tr::tr("the URL contains control characters"));

    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QString scheme = colon < 0 ? QString() : text.left(colon);
    const bool schemeShaped = !scheme.isEmpty() && scheme.at(0).isLetter()
                              && std::all_of(scheme.begin(), scheme.end(), [](QChar c) {
                                     return c.isLetterOrNumber() || c == QLatin1Char('+')
                                            || c == QLatin1Char('-') || c == QLatin1Char('.');
                                 });
    if (!schemeShaped) {
        return invalid(Tr::tr("the URL has no scheme; start it with postgresql://, mysql://, "
                              "mariadb:// or sqlite:"));
    }
    ConnectionSettings settings;
    settings.engine = engineForScheme(scheme);
    if (settings.engine.isEmpty()) {
        return invalid(Tr::tr("unknown scheme '%1' (expected postgresql, postgres, mysql, mariadb or sqlite)")
                           .arg(scheme));
    }
    const QStringView rest = QStringView(text).mid(colon + 1);
    Result<void> parsed = settings.engine == Sqlite ? parseSqliteUrl(rest, settings)
                                                    : parseServerUrl(rest, settings);
    if (!parsed)
        return parsed.error();
    return settings;
}

QString toString(const ConnectionSettings &settings)
{
    QString url = settings.engine + QLatin1Char(':');
    if (settings.engine == Sqlite) {
        const QString path = encoded(settings.database, "/:");
        // A relative path stays relative; an absolute one gets the empty authority.
        url += settings.database.startsWith(QLatin1Char('/')) ? QLatin1String("//") + path : path;
    } else {
        url += QLatin1String("//");
        if (!settings.user.isEmpty())
            url += encoded(settings.user) + QLatin1Char('@');
        if (settings.host.contains(QLatin1Char(':')))
            url += QLatin1Char('[') + encoded(settings.host, ":.") + QLatin1Char(']');
        else
            url += encoded(settings.host);
        if (settings.port != 0)
            url += QLatin1Char(':') + QString::number(settings.port);
        url += QLatin1Char('/') + encoded(settings.database);
    }
    QStringList pairs;
    for (auto it = settings.options.cbegin(); it != settings.options.cend(); ++it)
        pairs.append(encoded(it.key()) + QLatin1Char('=') + encoded(it.value(), "/:"));
    if (!pairs.isEmpty())
        url += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
    return url;
}

} // namespace Strata::ConnectionUrl
