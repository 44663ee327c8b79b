"""Starts moto's server for the local run, with these changes: cheap TransactWriteItems rollback,
a list of the messages sent through SES and SNS (SMS) at /moto-api/sent-messages, and DynamoDB writes
that are atomic with respect to each other.

moto (5.2.x) snapshots a transaction by deep-copying the whole table once per item in the
transaction, so every capture costs time proportional to everything stored before it and a local run
slows down the longer it is used. Here the snapshot is taken of the items the transaction touches
(and the stream's length), which restores exactly the same state on cancellation.

moto keeps what SES and SNS "send" inside each account's backend, without a time or an order
across both; the local outbox (GET /_local/outbox on the local gateway) wants every message, newest
first, so each send is also recorded here with the time it was made. A message is recorded only
once moto accepted it (an unverified sender or a bad number is refused as on AWS).


moto's server is threaded and its DynamoDB backend takes no lock, so two conditional writes (or
transactions) on the same item could both pass their condition before either wrote, and a read
could see half of a transaction that is then rolled back. DynamoDB serialises conflicting writes
and never shows a transaction half-done; here one lock around every read and write does (the
ledger's chain head relies on it).

Usage: python local_moto.py -H 127.0.0.1 -p 4566   (the arguments of moto_server)
"""

import copy
import datetime
import functools
import json
import sys
import threading

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.moto_api._internal import urls as moto_api_urls
from moto.server import main
from moto.ses.models import SESBackend
from moto.sns.models import SNSBackend


class _CopyWithoutTables:
    """Stands in for the copy module inside moto.dynamodb.models: tables are not deep-copied."""

    def __getattr__(self, name):
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value, memo=None):
        if isinstance(value, Table):
            return value
        return copy.deepcopy(value, memo)


_original_transact_write_items = DynamoDBBackend.transact_write_items


def _key_of(table, op):
    attrs = op.get("Key") or op["Item"]
    hash_value = DynamoType(attrs[table.hash_key_attr])
    range_value = DynamoType(attrs[table.range_key_attr]) if table.range_key_attr else None
    return hash_value, range_value


def _restore(table, hash_value, range_value, previous):
    if range_value is None:
        if previous is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = previous
        return
    partition = table.items[hash_value]
    if previous is None:
        partition.pop(range_value, None)
        if not partition:
            table.items.pop(hash_value, None)
    else:
        partition[range_value] = previous


def transact_write_items(self, transact_items):
    touched = []
    streams = {}
    for entry in transact_items:
        _, op = next(iter(entry.items()))
        table = self.tables.get(op.get("TableName"))
        if table is None:
            continue
        try:
            hash_value, range_value = _key_of(table, op)
        except (KeyError, TypeError):
            continue  # malformed: moto itself answers with a validation error before writing
        previous = table.get_item(hash_value, range_value)
        touched.append((table, hash_value, range_value, copy.deepcopy(previous)))
        if table.stream_shard is not None:
            streams[id(table)] = (table, len(table.stream_shard.items))
    try:
        _original_transact_write_items(self, transact_items)
    except Exception:
        for table, hash_value, range_value, previous in reversed(touched):
            _restore(table, hash_value, range_value, previous)
        for table, length in streams.values():
            del table.stream_shard.items[length:]
        raise


_WRITE_LOCK = threading.RLock()


def _serialised(method):
    @functools.wraps(method)
    def locked(*args, **kwargs):
        with _WRITE_LOCK:
            return method(*args, **kwargs)

    return locked


dynamodb_models.copy = _CopyWithoutTables()
DynamoDBBackend.transact_write_items = _serialised(transact_write_items)
for _name in (
    "put_item",
    "update_item",
    "delete_item",
    "batch_write_item",
    "get_item",
    "query",
    "scan",
    "transact_get_items",
):
    if hasattr(DynamoDBBackend, _name):
        setattr(DynamoDBBackend, _name, _serialised(getattr(DynamoDBBackend, _name)))

_sent = []
_sent_lock = threading.Lock()


def _record(entry):
    entry["sentAt"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
    with _sent_lock:
        _sent.append(entry)


_original_send_email = SESBackend.send_email


def send_email(self, source, subject, body, destinations):
    message = _original_send_email(self, source, subject, body, destinations)
    _record(
        {
            "channel": "email",
            "from": source,
            "to": [a for addresses in destinations.values() for a in addresses],
            "subject": subject,
            "text": body,
        }
    )
    return message


_original_publish = SNSBackend.publish


def publish(self, message, *args, **kwargs):
    message_id = _original_publish(self, message, *args, **kwargs)
    phone_number = kwargs.get("phone_number")
    if phone_number:
        _record({"channel": "sms", "to": [phone_number], "subject": None, "text": message})
    return message_id


def sent_messages(request, full_url, headers):
    """GET: every message sent, oldest first. DELETE: forget them."""
    with _sent_lock:
        if request.method == "DELETE":
            _sent.clear()
            return 200, {"Content-Type": "application/json"}, "[]"
        body = json.dumps(_sent)
    return 200, {"Content-Type": "application/json"}, body


SESBackend.send_email = send_email
SNSBackend.publish = publish
moto_api_urls.url_paths["{0}/moto-api/sent-messages"] = sent_messages

if __name__ == "__main__":
    main(sys.argv[1:])
