"""Starts moto's server for the local run, with these changes.

1. Cheap, isolated rollback. moto (5.2.x) snapshots a transaction by deep-copying the whole table once per
   item in the transaction, so every capture costs time proportional to everything stored before it
   and a local run slows down the longer it is used. Here the snapshot is taken of the items the
   transaction touches (and the stream's length), which restores exactly the same state on
   cancellation; transactions run one at a time, so a cancelled one never undoes another's write.
2. Real consumed capacity. moto answers ReturnConsumedCapacity with a placeholder; here the write
   units are computed as DynamoDB bills them (docs: "Item sizes and formats", "Capacity management
   for transactions"): item size = attribute names + values (strings and binary by their bytes,
   numbers ~1 byte per 2 significant digits + 1, booleans 1, lists and maps 3 + 1 per element);
   a transactional write costs 2 units per started KB; each global secondary index the item
   appears in (it has the index's key attributes) costs 1 unit per started KB of its entry (the
   table key, the index key and the projected attributes).
3. Injected throttling, for tests of what a burst does. A table tagged
   local-cloud:throttle-writes=F (0 <= F <= 1) refuses that fraction of the transactions writing to
   it as DynamoDB does when it throttles: half the refusals a TransactionCanceledException with the
   reason ThrottlingError (which the SDK does not retry), half a ThrottlingException (which it does).
   Nothing is written by a refused transaction. Tag or untag the table at any time.

4. moto keeps what SES and SNS "send" inside each account's backend, without a time or an order
across both; the local outbox (GET /_local/outbox on the local gateway) wants every message, newest
first, so each send is also recorded here with the time it was made. A message is recorded only
once moto accepted it (an unverified sender or a bad number is refused as on AWS).

5. moto's server is threaded and its DynamoDB backend takes no lock, so two conditional writes (or
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
import math
import random
import sys
import threading
from decimal import Decimal

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.exceptions import DynamodbException, TransactionCanceledException
from moto.dynamodb.models.table import Table
from moto.moto_api._internal import urls as moto_api_urls
from moto.dynamodb.responses import DynamoHandler
from moto.server import main
from moto.ses.models import SESBackend
from moto.sns.models import SNSBackend

THROTTLE_TAG = "local-cloud:throttle-writes"


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


_TRANSACTIONS = threading.Lock()


def transact_write_items(self, transact_items):
    # one transaction at a time: moto's server is threaded, and a transaction that fails after
    # another wrote the same key would otherwise roll that write back (DynamoDB isolates them)
    with _TRANSACTIONS:
        _transact_write_items(self, transact_items)


def _transact_write_items(self, transact_items):
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


def _value_size(value):
    (kind, v), = value.items()
    if kind in ("S",):
        return len(v.encode("utf-8"))
    if kind == "B":
        return len(v) * 3 // 4 - v[-2:].count("=") if isinstance(v, str) else len(v)
    if kind == "N":
        digits = Decimal(v).normalize().as_tuple().digits
        return math.ceil(len(digits) / 2) + 1
    if kind in ("BOOL", "NULL"):
        return 1
    if kind in ("SS",):
        return sum(len(x.encode("utf-8")) for x in v)
    if kind == "NS":
        return sum(_value_size({"N": x}) for x in v)
    if kind == "BS":
        return sum(_value_size({"B": x}) for x in v)
    if kind == "L":
        return 3 + sum(1 + _value_size(x) for x in v)
    if kind == "M":
        return 3 + sum(1 + len(k.encode("utf-8")) + _value_size(x) for k, x in v.items())
    return 0


def _size(attrs, names=None):
    return sum(
        len(k.encode("utf-8")) + _value_size(v)
        for k, v in attrs.items()
        if names is None or k in names
    )


def _units(size):
    return max(1, math.ceil(size / 1024))


def _index_names(table, index, item):
    keys = [k["AttributeName"] for k in index.schema]
    if any(k not in item for k in keys):
        return None  # a sparse index: the item is not in it
    names = set(keys) | set(index.table_key_attrs)
    projection = index.projection or {}
    if projection.get("ProjectionType") == "ALL":
        return set(item)
    return names | set(projection.get("NonKeyAttributes", []))


def _consumed(backend, transact_items):
    """Write units per table and per index, as DynamoDB would bill this transaction's puts."""
    by_table = {}
    for entry in transact_items:
        (kind, op), = entry.items()
        table = backend.tables.get(op.get("TableName"))
        if table is None:
            continue
        c = by_table.setdefault(
            table.name, {"TableName": table.name, "CapacityUnits": 0.0,
                         "WriteCapacityUnits": 0.0, "Table": {"CapacityUnits": 0.0},
                         "GlobalSecondaryIndexes": {}})
        item = op.get("Item") if kind == "Put" else op.get("Key", {})
        units = 2.0 * _units(_size(item))
        c["Table"]["CapacityUnits"] += units
        c["CapacityUnits"] += units
        if kind != "Put":
            continue
        for index in table.global_indexes:
            names = _index_names(table, index, item)
            if names is None:
                continue
            gsi = c["GlobalSecondaryIndexes"].setdefault(index.name, {"CapacityUnits": 0.0})
            gsi["CapacityUnits"] += _units(_size(item, names))
            c["CapacityUnits"] += _units(_size(item, names))
    for c in by_table.values():
        c["WriteCapacityUnits"] = c["CapacityUnits"]
        c["Table"]["WriteCapacityUnits"] = c["Table"]["CapacityUnits"]
        for gsi in c["GlobalSecondaryIndexes"].values():
            gsi["WriteCapacityUnits"] = gsi["CapacityUnits"]
        if not c["GlobalSecondaryIndexes"]:
            del c["GlobalSecondaryIndexes"]
    return list(by_table.values())


class _Throttled(DynamodbException):
    def __init__(self):
        super().__init__(
            "com.amazonaws.dynamodb.v20120810#ThrottlingException",
            "Throughput exceeds the current capacity of your table or index. DynamoDB is"
            " automatically scaling your table or index so please try again shortly.",
        )


def _throttle_fraction(backend, transact_items):
    fraction = 0.0
    for entry in transact_items:
        (_, op), = entry.items()
        table = backend.tables.get(op.get("TableName"))
        # moto appends a re-tagged key instead of replacing it: the last value is the current one
        values = [t.get("Value", "0") for t in (table.tags if table is not None else None) or []
                  if t.get("Key") == THROTTLE_TAG]
        if values:
            fraction = max(fraction, float(values[-1]))
    return fraction


_original_handler = DynamoHandler.transact_write_items


def handle_transact_write_items(self):
    transact_items = self.body["TransactItems"]
    fraction = _throttle_fraction(self.dynamodb_backend, transact_items)
    if fraction > 0 and random.random() < fraction:
        if random.random() < 0.5:
            raise _Throttled()
        raise TransactionCanceledException(
            [("ThrottlingError", "Throughput exceeds the current capacity for one or more"
              " global secondary indexes. DynamoDB is automatically scaling your index so"
              " please try again shortly.", None)] * len(transact_items))
    result = _original_handler(self)
    wanted = self.body.get("ReturnConsumedCapacity", "NONE")
    if wanted in ("TOTAL", "INDEXES"):
        consumed = _consumed(self.dynamodb_backend, transact_items)
        if wanted == "TOTAL":
            consumed = [{"TableName": c["TableName"], "CapacityUnits": c["CapacityUnits"],
                         "WriteCapacityUnits": c["WriteCapacityUnits"]} for c in consumed]
        result.result["ConsumedCapacity"] = consumed
    return result


DynamoHandler.transact_write_items = handle_transact_write_items


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
