-- A created or revoked token is announced on the same channel as content changes (V9), with
-- the table name as payload, so every instance forgets the tokens it has checked and a revoked
-- token stops working everywhere at once.
create trigger access_token_changed after insert or update or delete or truncate on access_token
    for each statement execute function ticker_content_changed();
